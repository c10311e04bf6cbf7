// Placeholder until the admin lands (issue 5).
const app = document.getElementById('app');
if (app) app.textContent = 'Marquee admin';
