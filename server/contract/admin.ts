import { z } from 'zod';
import { TimeZone } from './region-settings.js';
import { UserCreate } from './users.js';

const Account = UserCreate.options[0].pick({ username: true, displayName: true, password: true, locale: true });

/** A region as an administrator sees it. */
export const AdminRegion = z.object({
  id: z.number().int(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  timeZone: z.string(),
  coordinators: z.number().int(),
});

export const RegionOpen = z.object({
  code: z.string().trim().regex(/^\d{2}(\d{2}){0,2}$/, 'the NBS code of a province (2 digits) or prefecture (4 or 6 digits)'),
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100),
  timeZone: TimeZone.optional(),
  coordinator: Account,
});

export const AccountOpen = Account;
export const AccountOpened = z.object({ id: z.number().int(), username: z.string() });
export const RegionOpened = z.object({ region: AdminRegion.omit({ coordinators: true }), coordinator: AccountOpened });
