/**
 * What other modules may use of supervision: who is a supervising body and which region prefix a supervision org
 * oversees (the complaints' 督办 and statistics, issue 14).
 */
export { isSupervisingBody, overseenPrefix } from './supervision.rules.js';
