/** Contract of accounts (登录、账号、会话): `/api/v1/auth/*`, `/api/v1/users`, `/api/v1/sessions`. */
import { z } from 'zod';
import { ROLES } from '../enums.js';
import { Abilities, Instant, Page, PageQuery, type Wire } from './kit.js';

// Requests

export const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
export type LoginBody = z.output<typeof LoginBody>;

export const PasswordChangeBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export type PasswordChangeBody = z.output<typeof PasswordChangeBody>;

const Roles = z.array(z.enum(ROLES)).min(1).max(ROLES.length);

export const UserListQuery = PageQuery.extend({
  q: z.string().max(64).optional(),
  orgId: z.uuid().optional(),
  role: z.enum(ROLES).optional(),
});
export type UserListQuery = z.output<typeof UserListQuery>;

export const UserCreateBody = z.object({
  username: z.string().min(1).max(32),
  displayName: z.string().trim().min(1).max(64),
  /** Chosen for a business account; an administrator's is a one-time password the server issues. */
  password: z.string().min(1).max(256).optional(),
  orgId: z.uuid(),
  roles: Roles,
});
export type UserCreateBody = z.output<typeof UserCreateBody>;

export const UserPatchBody = z.object({
  displayName: z.string().trim().min(1).max(64).optional(),
  roles: Roles.optional(),
  disabled: z.boolean().optional(),
  orgId: z.uuid().optional(),
});
export type UserPatchBody = z.output<typeof UserPatchBody>;

export const SessionListQuery = PageQuery.extend({ userId: z.uuid().optional() });
export type SessionListQuery = z.output<typeof SessionListQuery>;

// Answers

export const MeView = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  /** A one-time password is still to be changed: the console opens 个人中心 and nothing else. */
  mustChangePassword: z.boolean(),
  org: z.object({ id: z.uuid(), name: z.string(), regionCode: z.string() }),
  /**
   * What the account may do that concerns no one record (`case.create`, `org.create`, `user.grant_admin_roles`…), as
   * its policies say (server/platform/policy.ts): the console shows only the buttons the server will accept.
   */
  abilities: Abilities,
});
/** The signed-in account as the console reads it. */
export type Me = Wire<typeof MeView>;
export type MeOut = z.output<typeof MeView>;

export const UserView = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  roles: z.array(z.enum(ROLES)),
  disabled: z.boolean(),
  lockedUntil: Instant.nullable(),
  lastLoginAt: Instant.nullable(),
  createdAt: Instant,
  /** Only in the answer that created an administrator or granted it its role: shown once, never stored in clear. */
  oneTimePassword: z.string().optional(),
  /** What the caller may do with this account (`update`, `update_profile`, `lock`…). */
  abilities: Abilities,
});
/** An account as the console reads it. */
export type User = Wire<typeof UserView>;
/** An account as a handler returns it. */
export type UserOut = z.output<typeof UserView>;
export const UserPage = Page(UserView);

export const SessionView = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  username: z.string(),
  createdAt: Instant,
  lastSeenAt: Instant,
  expiresAt: Instant,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
/** An open session as the console reads it. */
export type SessionInfo = Wire<typeof SessionView>;
export type SessionOut = z.output<typeof SessionView>;
export const SessionPage = Page(SessionView);
