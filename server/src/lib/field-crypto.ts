import crypto from 'node:crypto';

/** The cipher new values are written with; values written under the other stay readable. */
export type FieldCipher = 'aes-256-gcm' | 'sm4';

/**
 * Field-level encryption of personal data (ID numbers, phones).
 *
 * - AES-256-GCM (default): a random 96-bit nonce per value, stored as `v1.<nonce>.<ciphertext>.<tag>`.
 * - SM4 (national cryptography, GB/T 32907): OpenSSL offers no SM4-GCM, so SM4-CTR with a random
 *   128-bit counter block, then HMAC-SM3 over the version, nonce and ciphertext (encrypt-then-MAC),
 *   stored as `s1.<nonce>.<ciphertext>.<mac>`. The SM4 and MAC keys are derived from the one field key
 *   with HKDF-SM3, so switching cipher needs no new secret.
 *
 * The prefix names the format, so a database can hold both: decrypt reads either, whatever the
 * configured cipher. Exact look-up uses a keyed hash (a blind index; a plain hash of an ID number could
 * be brute-forced, the ID space being small): HMAC-SHA256, or HMAC-SM3 under SM4. Look-ups ask for both
 * (`blindIndexes`), so values indexed before a switch are still found.
 */
export class FieldCrypto {
  private readonly sm4Key: Buffer;
  private readonly sm4MacKey: Buffer;

  constructor(
    private readonly key: Buffer,
    private readonly hmacKey: Buffer,
    readonly cipher: FieldCipher = 'aes-256-gcm',
  ) {
    if (key.length !== 32 || hmacKey.length !== 32) throw new Error('field keys must be 32 bytes');
    this.sm4Key = derive(key, 'laiban field sm4 encryption', 16);
    this.sm4MacKey = derive(key, 'laiban field sm4 mac', 32);
  }

  encrypt(plain: string): string {
    return this.cipher === 'sm4' ? this.encryptSm4(plain) : this.encryptAes(plain);
  }

  decrypt(stored: string): string {
    const [version, nonce, body, tag] = stored.split('.');
    if (!nonce || body === undefined || !tag) throw new Error('unknown field cipher format');
    if (version === 'v1') return this.decryptAes(nonce, body, tag);
    if (version === 's1') return this.decryptSm4(nonce, body, tag);
    throw new Error('unknown field cipher format');
  }

  /** Keyed hash for exact matching; callers normalise the value first (upper-case X, digits only). */
  blindIndex(value: string): string {
    return this.cipher === 'sm4' ? this.sm3Index(value) : this.sha256Index(value);
  }

  /** Every form a stored blind index of this value can have: the current one first. */
  blindIndexes(value: string): string[] {
    const both = [this.sha256Index(value), this.sm3Index(value)];
    return this.cipher === 'sm4' ? both.reverse() : both;
  }

  private sha256Index(value: string): string {
    return crypto.createHmac('sha256', this.hmacKey).update(value).digest('base64url');
  }

  // The prefix keeps an SM3 index from ever equalling a SHA-256 one.
  private sm3Index(value: string): string {
    return `s3.${crypto.createHmac('sm3', this.hmacKey).update(value).digest('base64url')}`;
  }

  private encryptAes(plain: string): string {
    const nonce = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ['v1', b64(nonce), b64(body), b64(tag)].join('.');
  }

  private decryptAes(nonce: string, body: string, tag: string): string {
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  private encryptSm4(plain: string): string {
    const nonce = crypto.randomBytes(16);
    const cipher = crypto.createCipheriv('sm4-ctr', this.sm4Key, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const head = `s1.${b64(nonce)}.${b64(body)}`;
    return `${head}.${b64(this.sm4Mac(head))}`;
  }

  private decryptSm4(nonce: string, body: string, mac: string): string {
    // Check the MAC before touching the ciphertext: CTR alone would decrypt a forgery silently.
    const expected = this.sm4Mac(`s1.${nonce}.${body}`);
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
      throw new Error('field cipher authentication failed');
    }
    const decipher = crypto.createDecipheriv('sm4-ctr', this.sm4Key, Buffer.from(nonce, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  private sm4Mac(head: string): Buffer {
    return crypto.createHmac('sm3', this.sm4MacKey).update(head).digest();
  }
}

function derive(key: Buffer, info: string, length: number): Buffer {
  return Buffer.from(crypto.hkdfSync('sm3', key, Buffer.alloc(0), info, length));
}

const b64 = (b: Buffer) => b.toString('base64url');

/** Normal forms used before hashing, so the same phone typed two ways matches. */
export function normalizePhone(phone: string): string {
  return phone.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
}

const instances = new WeakMap<object, FieldCrypto>();

/** One FieldCrypto per configuration (keys are read once at start-up). */
export function fieldCryptoFor(config: {
  fieldEncryptionKey: Buffer;
  fieldHmacKey: Buffer;
  fieldCipher: FieldCipher;
}): FieldCrypto {
  let fc = instances.get(config);
  if (!fc) {
    fc = new FieldCrypto(config.fieldEncryptionKey, config.fieldHmacKey, config.fieldCipher);
    instances.set(config, fc);
  }
  return fc;
}
