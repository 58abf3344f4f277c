// Public API of the routing and scheduling core. See README.md.

export { Problem, SolverInputError } from './problem.js';
export type { JobInput, Matrix, Pin, ProblemInput, TimeWindow, VehicleInput } from './problem.js';
export { solve } from './solve.js';
export type { Progress, SolveOptions } from './solve.js';
export type { InitialRoute } from './construct.js';
export type { CostBreakdown, RouteResult, SolveResult, Stop, Unassigned, UnassignedReason } from './result.js';
export { checkPlan } from './check.js';
export type { CheckedRoute, CheckedStop, PlanCheck, PlannedRoute, Violation, ViolationType } from './check.js';
export { adviseInsertions } from './advise.js';
export { withRests } from './work.js';
export type { AdviseOptions, Insertion } from './advise.js';
