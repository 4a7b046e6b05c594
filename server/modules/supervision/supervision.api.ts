/** What other modules may use of supervision: who is a supervising body (a county-or-above justice department). */
export { isSupervisingBody } from './supervision.rules.js';
