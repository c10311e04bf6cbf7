/**
 * QR code sides by where they hang. A code reads from about ten times its
 * side: a 55″ 16:9 panel is 68 cm tall, so 30 % of its height (about 20 cm)
 * scans from 2 m; a 10″ door panel is 13.5 cm tall, so 60 % (8 cm) of it
 * scans from about 1 m. Both as shares of the short screen side.
 */
export const QR_SIZES = Object.freeze({ board: '30vmin', door: '60vmin' });
