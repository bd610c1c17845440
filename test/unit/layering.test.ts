import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cyclesOf, layeringViolations, readSources } from '../support/layers.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('the layering rule', () => {
  it('holds for the project: imports point down, no sibling operation folders, no cycles', () => {
    const sources = readSources(root, ['src-main', 'shared', 'src-renderer']);
    expect(sources.size).toBeGreaterThan(200);
    expect(layeringViolations(sources)).toEqual([]);
  });

  it('catches a planted upward import, a sibling operation import, electron outside its folder, and the window reaching into src-main', () => {
    const planted = new Map([
      ['src-main/tokens/tokens.ts', "import { InvalidParameterException } from '../server/aws-json/errors.js';"],
      ['src-main/server/aws-json/errors.ts', ''],
      ['src-main/server/aws-json/operations/groups/CreateGroup.ts', "import { requireUser } from '../users/require-user.js';"],
      ['src-main/server/aws-json/operations/users/require-user.ts', ''],
      ['src-main/flows/runner.ts', "import { app } from 'electron';"],
      ['src-renderer/App.vue', "<script setup lang=\"ts\">\nimport type { Store } from '../src-main/store/index.js';\n</script>"],
      ['src-main/store/index.ts', ''],
      ['shared/events.ts', "import type { UserPool } from '../src-main/store/repositories/user-pools.js';"],
      ['src-main/store/repositories/user-pools.ts', ''],
    ]);
    expect(layeringViolations(planted)).toEqual([
      'src-main/tokens/tokens.ts imports src-main/server/aws-json/errors.ts: cognito, triggers, tokens, messaging may not import server (the doors), a layer above it',
      "src-main/server/aws-json/operations/groups/CreateGroup.ts imports src-main/server/aws-json/operations/users/require-user.ts: the groups operations may not import the users operations' files (move what they share down)",
      'src-renderer/App.vue imports src-main/store/index.ts: the window imports only shared/ and its own files',
      'shared/events.ts imports src-main/store/repositories/user-pools.ts: shared may not import auth, store, debug, config, a layer above it',
      'shared/events.ts imports src-main/store/repositories/user-pools.ts: shared/ imports nothing of the project\'s',
      'src-main/flows/runner.ts imports electron: only src-main/electron/ may import electron',
    ]);
  });

  it('finds import cycles, type-only ones included', () => {
    const planted = new Map([
      ['src-main/store/db.ts', "import { migrations } from './migrations/index.js';"],
      ['src-main/store/migrations/index.ts', "import type { Db } from '../db.js';"],
      ['src-main/store/index.ts', "import { Db } from './db.js';"],
    ]);
    expect(layeringViolations(planted)).toEqual(['import cycle among src-main/store/db.ts, src-main/store/migrations/index.ts']);
    expect(cyclesOf([{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }])).toEqual([]);
  });
});
