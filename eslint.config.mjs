// ESLint: typescript-eslint's recommended rules plus the ring fences of
// HOUSE-STYLE §3. __tests__/architecture.test.ts checks the same rings on the
// import graph, so a fence cannot be switched off by a disable comment alone.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** A relative import into one of `dirs` (src/<dir>/...). */
const into = (dirs, why) => ({
  regex: `^\\.{1,2}/(\\.\\./)*(${dirs.join('|')})(/|$)`,
  message: `${why} (HOUSE-STYLE §3)`
})

const fence = (files, ...patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] }
})

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_'
        }
      ],
      '@typescript-eslint/consistent-type-imports': 'error'
    }
  },
  fence(
    ['src/core/**'],
    into(
      ['orchestrator', 'adapters', 'sim', 'action', 'cli', 'lib'],
      'core/ imports only core/'
    ),
    {
      regex: '^(node:|@actions/)',
      message:
        'core/ is pure: no I/O (HOUSE-STYLE §3); pure parsers such as yaml and @iarna/toml are fine'
    }
  ),
  fence(
    ['src/orchestrator/**'],
    into(
      ['adapters', 'sim', 'action', 'cli', 'lib'],
      'orchestrator/ imports only core/ and its ports'
    ),
    {
      regex: '^(node:(child_process|http|https|fs|fs/promises|net)$|@actions/)',
      message: 'orchestrator/ does I/O only through its ports (HOUSE-STYLE §3)'
    }
  ),
  fence(
    ['src/adapters/**'],
    into(
      ['sim', 'action', 'cli', 'lib'],
      'adapters/ must not import this ring'
    ),
    {
      regex: '^\\.{1,2}/(\\.\\./)*orchestrator/(?!ports\\.js$)',
      message:
        'adapters/ may import only the port types of orchestrator/ (HOUSE-STYLE §3)'
    }
  ),
  fence(
    ['src/sim/**'],
    into(
      ['core', 'orchestrator', 'adapters', 'action', 'cli', 'lib'],
      'flysim is independent of the product'
    ),
    {
      regex: '^(?!node:|\\.)',
      message: 'flysim imports only node:* and sim/ (HOUSE-STYLE §3.1)'
    }
  ),
  fence(
    ['src/action/**', 'src/lib/**', 'src/cli/**'],
    into(
      ['sim'],
      'the product reaches flysim only through the fly-rollout/sim subpath'
    )
  ),
  {
    // The demo and the sim command are the two places the CLI starts flysim.
    files: ['src/cli/commands/demo.ts', 'src/cli/commands/sim.ts'],
    rules: { 'no-restricted-imports': 'off' }
  },
  {
    files: ['__tests__/**', 'bench/**', 'scripts/**', '__fixtures__/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off'
    }
  }
)
