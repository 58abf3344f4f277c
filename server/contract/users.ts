import { z } from 'zod';
import { RoleGrantView } from './auth.js';
import { BodyId, Id } from './common.js';

/** A password people can type: 8 to 200 characters. */
export const Password = z.string().min(8).max(200);

export const UserView = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  locale: z.string(),
  disabled: z.boolean(),
  roles: z.array(RoleGrantView.extend({ id: z.number().int().describe('The grant, to withdraw it: DELETE /api/users/{id}/roles/{grantId}') })),
});

export const GrantParams = z.object({ id: Id, grantId: Id });

const Base = {
  username: z.string().trim().min(3).max(64).regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash, underscore'),
  displayName: z.string().trim().min(1).max(100),
  password: Password,
  locale: z.enum(['zh-CN', 'en']).optional(),
};

export const UserCreate = z.discriminatedUnion('role', [
  z.object({ ...Base, role: z.literal('coordinator'), regionId: BodyId }),
  z.object({ ...Base, role: z.literal('host'), venueId: BodyId }),
  z.object({ ...Base, role: z.literal('driver'), vehicleId: BodyId }),
]);
export type UserCreate = z.infer<typeof UserCreate>;

export const PasswordReset = z.object({ password: Password });
export const PasswordChange = z.object({ currentPassword: z.string().min(1).max(200), newPassword: Password });
