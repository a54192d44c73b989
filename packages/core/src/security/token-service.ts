import { errors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../app-error.js';

export interface AccessTokenClaims {
  userId: string;
  sessionId: string;
}

export interface TokenServiceOptions {
  /** HMAC key, at least 32 bytes. */
  secret: Uint8Array;
  /** Access token lifetime in seconds. Default 900 (15 minutes). */
  ttlSeconds?: number;
}

const ISSUER = 'agent-fleet';
const AUDIENCE = 'agent-fleet-api';
const ALGORITHM = 'HS256';
/**
 * Claims every access token must carry. jose checks `exp` only when present, so without this list a
 * validly signed token with no `exp` would never expire.
 */
const REQUIRED_CLAIMS = ['exp', 'iat', 'iss', 'aud', 'sub'];
/** Tolerated clock difference between servers sharing the signing key, in seconds. */
const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * Short-lived access tokens: HS256 only, with issuer, audience, expiry and issue time always required and
 * checked. A token is never accepted longer than the configured lifetime after it was issued, whatever its
 * `exp` says.
 */
export class TokenService {
  readonly ttlSeconds: number;
  private readonly secret: Uint8Array;

  constructor(options: TokenServiceOptions) {
    if (options.secret.length < 32) throw new Error('The token secret must have at least 32 bytes');
    this.secret = options.secret;
    this.ttlSeconds = options.ttlSeconds ?? 900;
  }

  sign(claims: AccessTokenClaims): Promise<string> {
    return new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.secret);
  }

  /** The claims of a valid token; any defect (algorithm, signature, a missing claim, expiry, age, iss, aud) is a 401. */
  async verify(token: string): Promise<AccessTokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: REQUIRED_CLAIMS,
        maxTokenAge: this.ttlSeconds,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw new errors.JWTInvalid('missing claims');
      return { userId: payload.sub, sessionId: payload.sid };
    } catch (error) {
      const expired = error instanceof errors.JWTExpired;
      throw new AppError('unauthorized', expired ? 'The access token has expired' : 'The access token is invalid', {
        cause: error,
      });
    }
  }
}
