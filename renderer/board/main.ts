// Placeholder until the board lands (issue 4).
const app = document.getElementById('app');
if (app) app.textContent = 'Marquee board';
