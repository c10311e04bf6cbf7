import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';

/**
 * A private certificate authority for outbound https (a chain's feed behind
 * its own CA, a poster host on a VPN). The installed kiosk cannot use
 * NODE_EXTRA_CA_CERTS: the fuse that turns off NODE_OPTIONS turns it off too,
 * so the CA is a setting (`--upstream-ca FILE`, `hub.caFile`) that every
 * outbound request is given explicitly.
 */

export class CaFileError extends Error {}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+?-----END CERTIFICATE-----/g;

/** The PEM certificates in `file`; throws `CaFileError` saying what is wrong with it. */
export function readCaFile(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CaFileError(
      `cannot read the CA file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    throw new CaFileError(`the CA file ${file} holds no PEM certificate ("-----BEGIN CERTIFICATE-----")`);
  }
  blocks.forEach((pem, i) => {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(pem);
    } catch (err) {
      throw new CaFileError(
        `certificate ${i + 1} in the CA file ${file} is not valid: ${(err as Error).message}`,
      );
    }
    if (!cert.ca) {
      throw new CaFileError(
        `certificate ${i + 1} in the CA file ${file} (${cert.subject.replaceAll('\n', ', ')}) is not a CA certificate`,
      );
    }
  });
  return blocks;
}

/**
 * The `ca` option for an outbound TLS connection: Node's bundled public roots
 * plus `extra`, so a private CA adds to them and public hosts keep working.
 * Undefined when there is nothing extra (Node's own default applies).
 */
export function trustedCa(extra: readonly string[] | undefined): string[] | undefined {
  return extra && extra.length > 0 ? [...rootCertificates, ...extra] : undefined;
}
