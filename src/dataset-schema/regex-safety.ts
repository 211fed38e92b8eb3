/**
 * Patterns in schemas and rules are written by data stewards and run on every row, so they are
 * compiled once and screened for the shapes that make JavaScript's backtracking engine explode
 * (catastrophic backtracking). This is a screen, not a proof: length cap, no back-references,
 * no quantified group that itself contains a quantifier (`(a+)+`, `(\d*)*`, `(x|y+){2,}`).
 */

export const MAX_PATTERN_LENGTH = 200;

export type PatternProblem = 'too_long' | 'invalid' | 'unsafe';

const BACK_REFERENCE = /\\[1-9]|\\k</;
const QUANTIFIER = /[+*]|\{\d+,?\d*\}/;

export function screenPattern(pattern: string): PatternProblem | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return 'too_long';
  try {
    new RegExp(pattern, 'u');
  } catch {
    return 'invalid';
  }
  if (BACK_REFERENCE.test(pattern)) return 'unsafe';
  return hasNestedQuantifier(pattern) ? 'unsafe' : null;
}

/** Compiles a screened pattern anchored to the whole value. */
export function compileWholeValuePattern(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'u');
}

/** Walks the pattern's groups and reports a quantified group whose body holds a quantifier. */
function hasNestedQuantifier(pattern: string): boolean {
  const groupStarts: number[] = [];
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') {
      index++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === '(') groupStarts.push(index);
    else if (char === ')') {
      const start = groupStarts.pop();
      if (start === undefined) continue;
      const body = stripEscapesAndClasses(pattern.slice(start + 1, index));
      const next = pattern.slice(index + 1);
      if (/^(?:[+*]|\{\d+,\d*\})/.test(next) && QUANTIFIER.test(body)) return true;
    }
  }
  return false;
}

function stripEscapesAndClasses(body: string): string {
  return body.replace(/\\./g, 'x').replace(/\[[^\]]*\]/g, 'x');
}
