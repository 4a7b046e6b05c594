/** Every module's policies (platform/policy.ts), as the modules declare them; registered once when the app is built. */
import type { Policy, Subject } from '../platform/policy.js';
import { MODULES } from './index.js';

export const POLICIES: readonly Policy<Subject>[] = MODULES.flatMap((m) => m.policies ?? []);
