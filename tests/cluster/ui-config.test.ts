import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The Temporal UI server reads its config as a Go template (`# enable-template`): every `{{ }}`
// on any line, comments included, is an action, and an empty one stops the UI at start-up
// ("missing value for command"), which `npm run cluster` then reports as a failed start.
const CONFIG = 'deploy/temporal-ui/config/production.yaml';

describe('the cluster Temporal UI config', () => {
  const text = readFileSync(CONFIG, 'utf8');
  const actions = [...text.matchAll(/\{\{(.*?)\}\}/g)].map((match) => match[1]!.trim());

  it('is a template whose every action names something to do', () => {
    expect(text.startsWith('# enable-template')).toBe(true);
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action, `{{${action}}} in ${CONFIG}`).not.toBe('');
  });

  it('has no unclosed action', () => {
    expect(text.split('{{').length).toBe(text.split('}}').length);
  });
});
