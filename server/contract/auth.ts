import { z } from 'zod';
import { createSelectSchema } from 'drizzle-zod';
import { userRoles, users } from '../db/schema/index.js';

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

const UserRow = createSelectSchema(users);
const RoleRow = createSelectSchema(userRoles);

export const RoleGrantView = RoleRow.pick({ role: true, regionId: true, venueId: true, vehicleId: true });

/** The signed-in user and the CSRF token every state-changing request must send as `x-csrf-token`. */
export const Me = z.object({
  user: UserRow.pick({ id: true, username: true, displayName: true, locale: true, administrator: true }).extend({
    roles: z.array(RoleGrantView),
  }),
  csrfToken: z.string(),
  now: z.string().describe("The server's clock (ISO instant): the web page takes today from it, so ROVE_NOW shows everywhere"),
});
export type Me = z.infer<typeof Me>;
