/**
 * QR code sides by where they hang, as shares of the short screen side. A
 * phone reads a code from about ten times its side: a 55″ 16:9 panel is
 * 68 cm tall, so 30 % of it (20 cm) scans from 2 m. A door panel is small and
 * read close: on a 10″ panel (13.5 cm tall) 45 % is 6 cm, which phones read
 * from about 1 m with error correction Q, while leaving the sign beside it
 * room for its times.
 */
export const QR_SIZES = Object.freeze({ board: '30vmin', door: '45vmin' });
