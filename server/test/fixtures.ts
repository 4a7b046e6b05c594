/** Fixed secrets of the test database template (never used outside tests). */
export const TEST_ADMIN_PASSWORD = 'Admin#2026zf';
export const TEST_DEMO_PASSWORD = 'Demo#2026zf';
export const TEST_SECRET_KEY = 'a3f1c2e4b5d6978812345678901234567890abcdefabcdefabcdefabcdef0123';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: path of the migrated, seeded data-folder dump. */
    pgliteDump: string;
    /** PostgreSQL: name of the migrated, seeded template database ('' on PGlite). */
    pgTemplate: string;
  }
}
