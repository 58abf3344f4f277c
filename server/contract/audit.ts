import { z } from 'zod';
import { Id } from './common.js';

/** What a reader may narrow the audit log by; every field is optional and they combine. */
export const AuditQuery = z.object({
  region: Id.optional().describe('Entries concerning this region (a coordinator: one of theirs)'),
  actor: Id.optional().describe('Entries made by this user id'),
  action: z.string().trim().min(1).max(60).optional().describe('Action or its prefix: "user." finds every account change, "auth." every sign-in event'),
  entity: z.string().trim().min(1).max(40).optional(),
  entityId: z.string().trim().min(1).max(60).optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('From this instant on (ISO 8601)'),
  to: z.iso.datetime({ offset: true }).optional().describe('Before this instant (ISO 8601)'),
  before: z.coerce.number().int().positive().optional().describe('The page after: the `next` of the page before'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUserId: z.number().int().nullable(),
  actor: z.string().nullable().describe('The actor’s username (null for the system or an unknown name)'),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  regionIds: z.array(z.number().int()).describe('The regions the entry concerns; empty for deployment-wide entries'),
});

export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  next: z.number().int().nullable().describe('Pass as `before` for older entries; null at the end'),
});
export type AuditPage = z.infer<typeof AuditPage>;
