/**
 * What other modules may use of random inspections: the task and target tables for read-only joins (a visit names
 * its task), who oversees a region (`overseenPrefix`), and the slot through which module visits tells the results
 * which inspectors scanned an entity's code for a task (an on-site result needs the scan). Visits comes after this
 * module, so it registers its check when it loads (dependency inversion, as entities' detail slots).
 */
import type { ScanCheck } from './results.service.js';

export { inspectionPlans, inspectionTargets, inspectionTasks } from './inspections.schema.js';
export { overseenPrefix } from './inspections.rules.js';
export type { ScanCheck } from './results.service.js';

let scanCheck: ScanCheck | null = null;

/** Registers the entry-scan check (module visits). */
export function provideScanCheck(check: ScanCheck) {
  scanCheck = check;
}

/**
 * The registered check, delegating at call time (the routes are registered after every module has loaded); null
 * while no module provides one — then on-site results are not checked.
 */
export const registeredScanCheck = (): ScanCheck | null =>
  scanCheck ? (db, q) => (scanCheck as ScanCheck)(db, q) : null;
