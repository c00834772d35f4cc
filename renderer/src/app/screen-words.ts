import { settingIssueWords } from '../features/settings/setting-form';

/**
 * The backend's messages are written for every door, the command line's flags among them; on a
 * screen a flag is a control. These say the control instead: "use --force" where the import screen
 * has a box to tick, "--map date=<column>" where it has a column mapping.
 */
type Words = string | ((match: string, ...groups: string[]) => string);

const SCREEN_WORDS: [RegExp, Words][] = [
  // The door's own wording for a refused field ("Invalid input for workspace-update: currency: ...") names a handler no screen shows.
  [/^Invalid input for [a-z-]+: ([A-Za-z.]+): /, (_match, field) => `${field.charAt(0).toUpperCase()}${field.slice(1)}: `],
  [/use --force if you really mean it/g, 'tick "Import even if this file or its lines were imported before" if you really mean it'],
  // In brackets after words that already name the column ("need a category column (--map category=<column>)"), only the control is left to say.
  [/ \(--map (\w+)=<column>\)/g, ' (set the $1 column under Column mapping)'],
  [/--map (\w+)=<column>/g, 'its $1 column (Column mapping)'],
  [/the column mapping \(--map\)/g, 'the column mapping'],
  [/ \((?:or )?--map\)/g, ''],
  [/--map (\w+)= \(unmapped\)/g, 'the $1 column set to "not mapped" (Column mapping)'],
  [/--sheet "([^"]+)"/g, 'the sheet "$1" on the import screen'],
  [/--shape spend-table/g, 'the spend-table shape on the import screen'],
  [/--date-format (day-number|mdy|dmy|iso|yyyymm|unix|excel-serial)/g, 'the date format "$1" on the import screen'],
  [/--day-one YYYY-MM-DD/g, 'the date of day 1 on the import screen'],
  [/--currency ([A-Z]{3})/g, 'the currency $1'],
  [/longtail analyze, or Analyse in the app/g, 'Run analysis'],
];

/**
 * A refused analysis setting reaches a screen in the setting's label and range ("Profiles (k) must
 * be auto or a whole number from 2 to 15"), not as the door's zod path ("Settings.k: Too small…").
 */
function settingsWords(text: string): string {
  const refused = /^Invalid input for [a-z-]+: (settings\.[\s\S]*)$/.exec(text);
  if (!refused) return text;
  const issues = refused[1].split(/; (?=settings\.)/).map((issue) => {
    const at = /^settings\.([A-Za-z.]+): ([\s\S]*)$/.exec(issue);
    return at ? settingIssueWords(at[1], at[2]) : issue;
  });
  return [...new Set(issues)].map((words) => words.replace(/\.$/, '')).join('; ') + '.';
}

export function screenWords(text: string): string {
  let out = settingsWords(text);
  for (const [pattern, words] of SCREEN_WORDS) out = typeof words === 'string' ? out.replace(pattern, words) : out.replace(pattern, words);
  return out;
}
