import { createHash, randomBytes } from 'node:crypto';

/** A fresh unguessable secret (256 bits). */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** Secrets are stored only as SHA-256: they are random, so a slow hash adds nothing. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('base64url');
