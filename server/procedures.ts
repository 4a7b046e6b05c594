/**
 * Every procedure of the platform (server/platform/procedure/registry.ts), registered by importing its declaration:
 * the transparency log takes leaves of each of these subject types and `zhifa verify` checks each one's records.
 * A module that declares a procedure adds its import here.
 */
import { caseProcedure } from './modules/cases/case-procedure.js';
import { complaintProcedure } from './modules/complaints/complaints.procedure.js';
import { inspectionProcedure } from './modules/inspections/inspections.procedure.js';
import { reviewProcedure } from './modules/review/review.procedure.js';
import type { ProcedureDefinition } from './platform/procedure/registry.js';

export const PROCEDURES: readonly ProcedureDefinition[] = [
  caseProcedure as unknown as ProcedureDefinition,
  inspectionProcedure as unknown as ProcedureDefinition,
  reviewProcedure as unknown as ProcedureDefinition,
  complaintProcedure as unknown as ProcedureDefinition,
];
