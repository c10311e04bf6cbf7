/**
 * QR code sides by where they hang, as shares of the short screen side. A
 * phone reads a code from about ten times its side (quiet zone included, as
 * drawn). A 55″ 16:9 panel is 68 cm tall, so 30 % of it (20 cm) scans from
 * 2 m. A door panel is read from 1 m, so its code needs 10 cm: a 10.1″
 * 800×480 panel (5:3) is 13.2 cm tall, and 10 cm is 76 % of that (364 px),
 * the whole height but the caption; the sign beside it keeps the rest of the
 * width (its featured show shrinks to fit).
 */
export const QR_SIZES = Object.freeze({ board: '30vmin', door: '76vmin' });
