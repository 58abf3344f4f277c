import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../contract/common.js';
import { IfMatchHeaders, PlanStopsParams } from '../contract/plans.js';
import { UndoResult, UndoStacks } from '../contract/undo.js';
import { actorOf } from '../plugins/auth.js';
import { etagOf, revisionFromIfMatch } from '../services/plan-edits.js';
import { replayEdit, undoStacks } from '../services/plan-undo.js';

const coordinator = ['coordinator'] as const;
const editErrors = { ...errorResponses, 428: errorResponses[400].describe('IF_MATCH_REQUIRED') };

/** The board's undo and redo (issue 12): kept on the server per plan, each a checked, audited edit. */
const undoRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['plans'];
  app.get(
    '/plans/:planId/undo',
    { config: { access: coordinator }, schema: { tags, summary: 'How many board edits of the plan can be undone and redone', params: PlanStopsParams, response: { 200: UndoStacks, ...errorResponses } } },
    async (req) => undoStacks(app.db, { actor: actorOf(req), requestId: req.id }, req.params.planId),
  );
  for (const direction of ['undo', 'redo'] as const) {
    app.post(
      `/plans/:planId/${direction}`,
      {
        config: { access: coordinator },
        schema: {
          tags,
          summary:
            direction === 'undo'
              ? 'Take back the plan’s last board edit (the stay returns to where it was; a stay added to a draft is cancelled, its request back on the unserved list)'
              : 'Make the last undone board edit again (an undone added stay is planned again)',
          description:
            'A checked edit like a drag (If-Match: the plan revision; the planning rules; audited as stop.undo / stop.redo). ' +
            `409 ${direction === 'undo' ? 'UNDO' : 'REDO'}_STACK_EMPTY when there is nothing to ${direction}; 409 UNDO_STAY_CHANGED when the stay was changed since by other means; ` +
            (direction === 'undo'
              ? '409 UNDO_STAY_NOT_PLANNED when an added stay was confirmed or has begun since, 409 UNDO_REQUEST_CHANGED when its request moved on; '
              : '422 REQUEST_NOT_SCHEDULABLE when an added stay’s request is no longer open; ') +
            'the checked edit’s own refusals otherwise (422 EDIT_BREAKS_RULES, 409 STOP_OVERLAP_*, STOP_NOT_EDITABLE, PLAN_REVISION_STALE). Nothing changes on a refusal.',
          params: PlanStopsParams,
          headers: IfMatchHeaders,
          response: { 200: UndoResult, ...editErrors },
        },
      },
      async (req, reply) => {
        const expected = revisionFromIfMatch(req.headers['if-match']);
        const result = await replayEdit(app.db, { actor: actorOf(req), requestId: req.id }, req.params.planId, expected, direction, app.clock.now());
        return reply.header('etag', etagOf(result.revision)).send(result);
      },
    );
  }
};
export default undoRoutes;
