/**
 * Crypto primitives from node:crypto: scrypt password hashes, session tokens, SHA-256, HMAC lookups, and
 * AES-256-GCM for personal identifiers at rest.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  randomFillSync,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';

const SCRYPT = { N: 16384, r: 8, p: 1, keyLen: 32 } as const;

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number, len: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, len, { N, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`, salt 16 random bytes per user. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLen);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

let passwordChecks = 0;
/** How many password checks (scrypt runs) this process has made: tests use it to see that every login path hashes. */
export const passwordCheckCount = () => passwordChecks;

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  passwordChecks++;
  const [scheme, n, r, p, saltText, hashText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !hashText) {
    await scryptAsync(password, randomBytes(16), SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLen); // the same work
    return false;
  }
  const expected = Buffer.from(hashText, 'base64url');
  const actual = await scryptAsync(
    password,
    Buffer.from(saltText, 'base64url'),
    Number(n),
    Number(r),
    Number(p),
    expected.length,
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A stored hash no password matches, used to spend the same time on unknown usernames. */
export const DUMMY_PASSWORD_HASH = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${randomBytes(16).toString('base64url')}$${randomBytes(32).toString('base64url')}`;

/** An opaque session token: 256 random bits, URL-safe. */
export const newToken = (): string => randomBytes(32).toString('base64url');

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

export function randomPassword(): string {
  // 18 chars from four classes, so it always passes the password policy.
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+=@!'];
  const bytes = randomBytes(18);
  const chars = Array.from(bytes, (b, i) => {
    const set = sets[i % sets.length] as string;
    return set[b % set.length];
  });
  return chars.join('');
}

export interface Sealer {
  /** AES-256-GCM: base64url(iv | tag | ciphertext). */
  seal(plain: string): string;
  open(sealed: string): string;
  /** Keyed hash for lookups and duplicate checks of a personal identifier. */
  lookupHash(value: string): string;
}

export function createSealer(key: Buffer): Sealer {
  const encKey = createHmac('sha256', key).update('zhifa/aes-256-gcm').digest();
  const macKey = createHmac('sha256', key).update('zhifa/hmac-lookup').digest();
  // IVs come from the CSPRNG 4 KB at a time (an import seals a million names; one randomBytes call each cost more
  // than the encryption); each is copied out, used once and never reused
  const ivPool = Buffer.alloc(12 * 341);
  let ivOffset = ivPool.length;
  const nextIv = () => {
    if (ivOffset + 12 > ivPool.length) {
      randomFillSync(ivPool);
      ivOffset = 0;
    }
    const iv = Buffer.from(ivPool.subarray(ivOffset, ivOffset + 12));
    ivOffset += 12;
    return iv;
  };
  return {
    seal(plain) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(sealed) {
      const raw = Buffer.from(sealed, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    lookupHash: (value) => createHmac('sha256', macKey).update(value).digest('hex'),
  };
}
