// ESLint flat config: typescript-eslint's type-checked recommendations for all TypeScript, the
// jest plugin for the tests, and Prettier owning the formatting.
import js from '@eslint/js'
import jest from 'eslint-plugin-jest'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** The runner glue: the only files under src/ that use @actions/core or know the settings. */
const GLUE = [
  'src/index.ts',
  'src/main.ts',
  'src/modes/**',
  'src/settings.ts',
  'src/core-options.ts',
  'src/actions-logger.ts'
]
// Import paths are matched by name (the rule does not resolve them): a relative path to a glue file's name, or
// into a modes/ folder. esquery's regex takes no '/', so the dynamic import() selector spells it \x2F.
const GLUE_PATH = String.raw`^\.\.?\x2F(?:.*\x2F)?(?:(?:index|main|settings|core-options|actions-logger)(?:\.js)?$|modes(?:\x2F|$))`
const GLUE_MESSAGE =
  'The core never imports the runner glue (main, modes/, settings.ts, core-options.ts, actions-logger.ts): the glue hands it options and a Logger.'
const CORE_MESSAGE = 'The core never uses @actions/core: it logs through the Logger the glue hands it.'

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'test-support/*.js'] },
        tsconfigRootDir: import.meta.dirname
      }
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
      ]
    }
  },
  {
    // The core is plain TypeScript the glue calls: kept so, it runs and is tested without a runner.
    files: ['src/**/*.ts'],
    ignores: GLUE,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@actions/core', message: CORE_MESSAGE }],
          patterns: [{ regex: GLUE_PATH, message: GLUE_MESSAGE }]
        }
      ],
      // no-restricted-imports does not look at import(): the core's lazy loads are held to the same line.
      'no-restricted-syntax': [
        'error',
        { selector: `ImportExpression[source.value=/${GLUE_PATH}/]`, message: GLUE_MESSAGE },
        { selector: "ImportExpression[source.value='@actions/core']", message: CORE_MESSAGE }
      ]
    }
  },
  {
    files: ['__tests__/**/*.ts', 'test-support/**/*.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      // Tests read JSON answers, outputs and request bodies without declaring every shape: an
      // assertion on the parsed value is the check, and a wrong shape fails it.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // Helpers named expect… (expectNoLeak, expectExit, expectNoSecret) assert too.
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*'] }]
    }
  },
  prettier
)
