/**
 * The style values Cognito provides (UseCognitoProvidedValues, and what ReturnMergedResources
 * adds to a style's own values): the structure of the Settings document the API reference's
 * CreateManagedLoginBranding example shows, with its light and dark default colours.
 * Assumption: Cognito's full default document is larger (every component and class); this is its
 * main part, enough for the structure a client reads back.
 */
export const COGNITO_PROVIDED_SETTINGS: Readonly<Record<string, unknown>> = Object.freeze({
  categories: {
    auth: {
      authMethodOrder: [[{ display: 'BUTTON', type: 'FEDERATED' }, { display: 'INPUT', type: 'USERNAME_PASSWORD' }]],
      federation: { interfaceStyle: 'BUTTON_LIST', order: [] },
    },
    form: {
      displayGraphics: true,
      instructions: { enabled: false },
      languageSelector: { enabled: false },
      location: { horizontal: 'CENTER', vertical: 'CENTER' },
      sessionTimerDisplay: 'NONE',
    },
    global: {
      colorSchemeMode: 'LIGHT',
      pageFooter: { enabled: false },
      pageHeader: { enabled: false },
      spacingDensity: 'REGULAR',
    },
    signUp: { acceptanceElements: [{ enforcement: 'NONE', textKey: 'en' }] },
  },
  componentClasses: {
    buttons: { borderRadius: 8.0 },
    divider: { darkMode: { borderColor: '232b37ff' }, lightMode: { borderColor: 'ebebf0ff' } },
    focusState: { darkMode: { borderColor: '539fe5ff' }, lightMode: { borderColor: '0972d3ff' } },
    idpButtons: { icons: { enabled: true } },
    input: {
      borderRadius: 8.0,
      darkMode: { defaults: { backgroundColor: '0f1b2aff', borderColor: '5f6b7aff' }, placeholderColor: '8d99a8ff' },
      lightMode: { defaults: { backgroundColor: 'ffffffff', borderColor: '7d8998ff' }, placeholderColor: '5f6b7aff' },
    },
    inputLabel: { darkMode: { textColor: 'd1d5dbff' }, lightMode: { textColor: '000716ff' } },
    link: {
      darkMode: { defaults: { textColor: '539fe5ff' }, hover: { textColor: '89bdeeff' } },
      lightMode: { defaults: { textColor: '0972d3ff' }, hover: { textColor: '033160ff' } },
    },
  },
  components: {
    favicon: { enabledTypes: ['ICO', 'SVG'] },
    form: {
      backgroundImage: { enabled: false },
      borderRadius: 8.0,
      darkMode: { backgroundColor: '0f1b2aff', borderColor: '424650ff' },
      lightMode: { backgroundColor: 'ffffffff', borderColor: 'c6c6cdff' },
      logo: { enabled: false, formInclusion: 'IN', location: 'CENTER', position: 'TOP' },
    },
    pageBackground: { darkMode: { color: '0f1b2aff' }, image: { enabled: true }, lightMode: { color: 'ffffffff' } },
    pageText: {
      darkMode: { bodyColor: 'b6bec9ff', descriptionColor: 'b6bec9ff', headingColor: 'd1d5dbff' },
      lightMode: { bodyColor: '414d5cff', descriptionColor: '414d5cff', headingColor: '000716ff' },
    },
    primaryButton: {
      darkMode: { defaults: { backgroundColor: '539fe5ff', textColor: '000716ff' }, hover: { backgroundColor: '89bdeeff', textColor: '000716ff' } },
      lightMode: { defaults: { backgroundColor: '0972d3ff', textColor: 'ffffffff' }, hover: { backgroundColor: '033160ff', textColor: 'ffffffff' } },
    },
  },
});
