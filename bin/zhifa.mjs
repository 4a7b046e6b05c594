#!/usr/bin/env node
// The zhifa CLI: runs the TypeScript server through tsx (no separate server build step).
import { register } from 'tsx/esm/api';

register();
await import('../server/main.ts');
