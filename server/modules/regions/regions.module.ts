import { defineModule } from '../../platform/module.js';
import * as schema from './regions.schema.js';

/** GB/T 2260 region codes (loaded at every start by the seed; listed through the orgs routes). */
export const regionsModule = defineModule({ name: 'regions', schema });
