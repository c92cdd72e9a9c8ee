// Every text colour the UI sets on every surface it sets it on reaches WCAG AA
// (4.5:1) in both themes, computed from app.css's own variables.
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrast, variablesIn } from './contrast';

// Read from disk: vitest hands CSS imports to components as empty modules.
const css = readFileSync(resolve(process.cwd(), 'src/app.css'), 'utf8');
const light = variablesIn(css, /^:root\s*\{/m);
const dark = { ...light, ...variablesIn(css, /@media \(prefers-color-scheme: dark\)\s*\{\s*:root/) };

const SURFACES = ['bg', 'panel', 'panel-2', 'selected', 'accent-soft'];
// [text, background] pairs as the components use them.
const PAIRS: [string, string][] = [
  ...['text', 'muted', 'faint'].flatMap((text) => SURFACES.map((bg): [string, string] => [text, bg])),
  ...['accent', 'danger', 'warn', 'ok'].flatMap((text) =>
    ['bg', 'panel', 'panel-2', `${text}-soft`].map((bg): [string, string] => [text, bg]),
  ),
  ['accent', 'selected'],
  ['accent-text', 'accent'],
  ['on-danger', 'danger'],
];

describe.each([
  ['light', light],
  ['dark', dark],
])('the %s theme', (_name, theme) => {
  it.each(PAIRS)('--%s on --%s reaches 4.5:1', (text, background) => {
    expect(theme[text], `--${text} is declared`).toBeDefined();
    expect(theme[background], `--${background} is declared`).toBeDefined();
    const ratio = contrast(theme[text], theme[background]);
    expect(ratio, `--${text} ${theme[text]} on --${background} ${theme[background]}`).toBeGreaterThanOrEqual(4.5);
  });
});

describe('the contrast computation', () => {
  it('matches the WCAG reference values', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
  });

  it('reads both themes from app.css', () => {
    expect(light.faint).toMatch(/^#/);
    expect(dark.faint).not.toBe(light.faint);
  });
});
