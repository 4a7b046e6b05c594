/**
 * What other modules may use of complaints: the 12345 clients' table, for read-only joins (the exchange module names
 * the receivers of the callbacks with it).
 */
export { hotlineClients } from './complaints.schema.js';
