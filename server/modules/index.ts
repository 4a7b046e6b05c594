/**
 * The one list of modules. The app registers their routes in this order, the seed runs their demo steps in this
 * order, and their event handlers run in this order. A module comes after the modules whose read APIs it uses.
 * Adding a capability: write server/modules/<m>/<m>.module.ts and add it here (docs/architecture.md, "Modules").
 */
import { registerModules } from '../platform/module.js';
import { accountsModule } from './accounts/accounts.module.js';
import { auditModule } from './audit/audit.module.js';
import { casesModule } from './cases/cases.module.js';
import { complaintsModule } from './complaints/complaints.module.js';
import { catalogModule } from './catalog/catalog.module.js';
import { delegationModule } from './delegation/delegation.module.js';
import { discretionModule } from './discretion/discretion.module.js';
import { entitiesModule } from './entities/entities.module.js';
import { exchangeModule } from './exchange/exchange.module.js';
import { inspectionsModule } from './inspections/inspections.module.js';
import { orgsModule } from './orgs/orgs.module.js';
import { personnelModule } from './personnel/personnel.module.js';
import { portalModule } from './portal/portal.module.js';
import { publicityModule } from './publicity/publicity.module.js';
import { regionsModule } from './regions/regions.module.js';
import { reviewModule } from './review/review.module.js';
import { supervisionModule } from './supervision/supervision.module.js';
import { transparencyModule } from './transparency/transparency.module.js';
import { visitsModule } from './visits/visits.module.js';
import { workbenchModule } from './workbench/workbench.module.js';

export const MODULES = registerModules([
  regionsModule,
  orgsModule,
  accountsModule,
  auditModule,
  personnelModule,
  catalogModule,
  discretionModule,
  delegationModule,
  casesModule,
  publicityModule,
  transparencyModule,
  entitiesModule,
  inspectionsModule,
  visitsModule,
  supervisionModule,
  reviewModule,
  complaintsModule,
  exchangeModule,
  workbenchModule,
  portalModule,
]);
