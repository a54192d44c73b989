import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, networkError } from '../../lib/api-error';
import { AuthClient } from '../../lib/auth-client';
import { makeSession } from '../../test/auth-fixture';
import { awaitPendingSignIn, trackSignIn } from './pending-sign-in';

afterEach(() => {
  document.cookie = 'af_sign_in_pending=; path=/; max-age=0';
});

const marked = () => document.cookie.includes('af_sign_in_pending=');

describe('trackSignIn', () => {
  it('clears its marker once the server answered, success or refusal', async () => {
    await trackSignIn(async () => 'ok');
    expect(marked()).toBe(false);
    await trackSignIn(() => Promise.reject(new ApiError({ status: 401, code: 'invalid_credentials', title: 'No' }))).catch(
      () => undefined,
    );
    expect(marked()).toBe(false);
  });

  it('leaves the marker when the request was cut off, as leaving the page does', async () => {
    await trackSignIn(() => Promise.reject(networkError(new TypeError('aborted')))).catch(() => undefined);
    expect(marked()).toBe(true);
  });
});

describe('awaitPendingSignIn', () => {
  it('does not wait when no sign-in was left in flight', async () => {
    const client = new AuthClient();
    const refresh = vi.spyOn(client, 'refresh');
    await expect(awaitPendingSignIn(client)).resolves.toBeNull();
    expect(refresh).not.toHaveBeenCalled();
  });

  it('asks again until the session of the interrupted sign-in arrives', async () => {
    document.cookie = `af_sign_in_pending=${Date.now()}; path=/`;
    const client = new AuthClient();
    const session = makeSession();
    const refresh = vi.spyOn(client, 'refresh').mockResolvedValueOnce(null).mockResolvedValueOnce(session);
    await expect(awaitPendingSignIn(client)).resolves.toBe(session);
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(marked()).toBe(false);
  });
});
