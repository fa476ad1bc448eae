// Runs `npm ci` when node_modules is missing or older than package-lock.json. A fresh clone (CI) always
// installs from the lock file; a developer's next build does not spend half a minute installing the same
// packages again. Install scripts are not run: none of these packages needs one.
import { statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const modified = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
};

if (modified('node_modules/.package-lock.json') < modified('package-lock.json')) {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { stdio: 'inherit' });
} else {
  console.log('node_modules is as package-lock.json says');
}
