import type { BuiltInRole, Membership, SetupStatus } from '@agent-fleet/contracts';
import { makeMe, makeMembership, makeSession } from './auth-fixture';
import { json, mockFetch, problem, type MockHandler } from './mock-fetch';
import { SESSION_HINT_KEY } from '../lib/auth-client';
import { preferences } from '../lib/storage';

export interface MockApiOptions {
  /** The role in the one workspace; default 'owner'. Ignored when `memberships` is given. */
  role?: BuiltInRole;
  memberships?: Membership[];
  /** Whether the refresh cookie holds a session, i.e. the user is signed in on load. Default true. */
  signedIn?: boolean;
  /** What `GET /api/v1/auth/setup` answers; default an installation that is set up and invite-only. */
  setup?: Partial<SetupStatus>;
}

const unauthorized = () => problem({ title: 'Authentication required', code: 'unauthorized' }, 401);

/**
 * A fake server: answers health, session (refresh, me, logout) and setup status like the real one,
 * and hands every other request to `handler`. Tokens count up (`access-1`, `access-2`…) per refresh.
 */
export function mockApi(handler: MockHandler = () => json({}), options: MockApiOptions = {}) {
  let signedIn = options.signedIn ?? true;
  // A signed-in browser remembers that it has a session (see SESSION_HINT_KEY).
  if (signedIn) preferences.set(SESSION_HINT_KEY, '1');
  let refreshes = 0;
  const me = makeMe({ memberships: options.memberships ?? [makeMembership(options.role ?? 'owner')] });

  const mock = mockFetch((request) => {
    const path = request.url.pathname;
    if (path === '/readyz') return json({ status: 'ok' });
    if (path === '/api/v1/auth/setup') return json({ needsSetup: false, signupOpen: false, ...options.setup });
    if (path === '/api/v1/auth/refresh') {
      if (!signedIn) return unauthorized();
      refreshes += 1;
      return json(makeSession({ accessToken: `access-${refreshes}`, user: me.user }));
    }
    if (path === '/api/v1/me' && request.method === 'GET') return signedIn ? json(me) : unauthorized();
    if (path === '/api/v1/auth/logout') {
      signedIn = false;
      return new Response(null, { status: 204 });
    }
    return handler(request);
  });
  return {
    ...mock,
    me,
    /** Pretends the user signed in elsewhere (e.g. a login the test drove through `handler`). */
    signIn: () => {
      signedIn = true;
    },
    /** Ends the session on the server: refreshes and /me answer 401 from now on. */
    endSession: () => {
      signedIn = false;
    },
  };
}
