import { z } from 'zod';
import { EditResult } from './plans.js';

export const UndoStacks = z
  .object({
    undo: z.number().int().describe('Edits of the plan that undo can take back, newest first'),
    redo: z.number().int().describe('Undone edits that redo can make again (a new edit forgets them)'),
  })
  .describe('The board’s undo and redo stacks of a plan, kept on the server');
export type UndoStacks = z.infer<typeof UndoStacks>;

export const UndoResult = EditResult.extend({
  kind: z
    .enum(['edit', 'add'])
    .describe('What the step took back or made again: an edit (a move, resize or change of row) or an added stay (undo cancels it, redo plans it again)'),
  stacks: UndoStacks,
});
export type UndoResult = z.infer<typeof UndoResult>;
