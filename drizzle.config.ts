import { defineConfig } from 'drizzle-kit';

// Every table lives in its module (server/modules/<m>/<m>.schema.ts) or platform mechanism (server/platform/<p>/<p>.schema.ts,
// e.g. the procedure record): adding a module adds its tables here.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./server/modules/*/*.schema.ts', './server/platform/*/*.schema.ts'],
  out: './drizzle',
});
