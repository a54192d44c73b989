import {
  LoginSchema,
  LogoutSchema,
  MeSchema,
  PasswordChangeSchema,
  ProfileUpdateSchema,
  SessionSchema,
  SetupStatusSchema,
  SignupSchema,
  UserSchema,
  WorkspaceCreateSchema,
  WorkspaceSchema,
} from '@agent-fleet/contracts';
import type { AuthService, IssuedSession, MemberService } from '@agent-fleet/core';
import { defineRoute, principalOf, userPrincipalOf, type CookieChange, type Route } from '../../http/route.js';

/** The refresh token lives in an httpOnly, SameSite=Strict cookie sent only to the auth routes. */
export const REFRESH_COOKIE = 'af_refresh';
const COOKIE_PATH = '/api/v1/auth';

const tags = ['Auth'];

const sessionResult = <S extends 200 | 201>(status: S, issued: IssuedSession) => ({
  status,
  body: issued.session,
  headers: { 'Cache-Control': 'no-store' },
  cookies: [{ name: REFRESH_COOKIE, value: issued.refreshToken, path: COOKIE_PATH, expires: issued.refreshExpiresAt }],
});
const clearRefresh: CookieChange = { name: REFRESH_COOKIE, value: null, path: COOKIE_PATH };

export function authRoutes(auth: AuthService, members: MemberService): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/auth/setup',
      operationId: 'setupStatus',
      summary: 'Whether the first owner still has to sign up',
      tags,
      permission: 'public',
      responses: { 200: { description: 'Setup status', schema: SetupStatusSchema } },
      handler: async () => ({ status: 200, body: await auth.setupStatus() }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/signup',
      operationId: 'signup',
      summary: 'Sign up: the first owner, with an invitation, or openly when enabled',
      tags,
      permission: 'public',
      request: { body: SignupSchema },
      responses: {
        201: { description: 'Signed up and signed in; the refresh cookie is set', schema: SessionSchema },
      },
      errors: ['invitation_invalid', 'signup_closed', 'email_taken'],
      handler: async ({ body, actor }) => sessionResult(201, await auth.signup(body, actor)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/login',
      operationId: 'login',
      summary: 'Sign in with email and password',
      tags,
      permission: 'public',
      request: { body: LoginSchema },
      responses: {
        200: { description: 'Signed in; the refresh cookie is set', schema: SessionSchema },
      },
      errors: ['invalid_credentials', 'rate_limited'],
      handler: async ({ body, actor }) => sessionResult(200, await auth.login(body, actor)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/refresh',
      operationId: 'refresh',
      summary: 'Exchange the refresh cookie for a new access token (the cookie rotates)',
      description: 'Presenting an already used refresh token revokes the whole session.',
      tags,
      permission: 'public',
      responses: {
        200: { description: 'A new access token; the refresh cookie is replaced', schema: SessionSchema },
      },
      errors: ['unauthorized'],
      handler: async ({ cookies, actor }) => sessionResult(200, await auth.refresh(cookies[REFRESH_COOKIE], actor)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/logout',
      operationId: 'logout',
      summary: 'Sign out: revokes the session and its tokens',
      tags,
      permission: 'authenticated',
      request: { body: LogoutSchema },
      responses: { 204: { description: 'Signed out' } },
      handler: async (context) => {
        await auth.logout(userPrincipalOf(context), context.actor);
        return { status: 204, cookies: [clearRefresh] };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/me',
      operationId: 'getMe',
      summary: 'The signed-in user and their workspaces, roles and permissions',
      tags,
      permission: 'authenticated',
      responses: { 200: { description: 'The caller', schema: MeSchema } },
      handler: async (context) => ({ status: 200, body: await auth.me(principalOf(context)) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/me',
      operationId: 'updateProfile',
      summary: 'Update your profile',
      tags,
      permission: 'authenticated',
      request: { body: ProfileUpdateSchema },
      responses: { 200: { description: 'The updated user', schema: UserSchema } },
      handler: async (context) => ({ status: 200, body: await auth.updateProfile(userPrincipalOf(context), context.body.name) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/me/password',
      operationId: 'changePassword',
      summary: 'Change your password; your other sessions end',
      tags,
      permission: 'authenticated',
      request: { body: PasswordChangeSchema },
      responses: { 204: { description: 'Changed' } },
      handler: async (context) => {
        await auth.changePassword(userPrincipalOf(context), context.body, context.actor);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/workspaces',
      operationId: 'createWorkspace',
      summary: 'Create a workspace; you become its owner',
      tags: ['Workspaces'],
      permission: 'authenticated',
      request: { body: WorkspaceCreateSchema },
      responses: { 201: { description: 'The workspace', schema: WorkspaceSchema } },
      handler: async (context) => ({
        status: 201,
        body: await members.createWorkspace(userPrincipalOf(context), context.body.name, context.actor),
      }),
    }),
  ];
}
