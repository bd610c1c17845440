import { createApp, type Component } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import OAuthCallbackView from './views/OAuthCallbackView.vue';
import { CALLBACK_PATH } from './lib/try-it';
import './styles/theme.css';

/** The same page serves the sandbox's OAuth callback (`/_sandbox/oauth-callback`), where a "Try it" login comes back. */
const root: Component = location.pathname.replace(/\/+$/, '') === CALLBACK_PATH ? OAuthCallbackView : App;
createApp(root).use(createPinia()).mount('#app');
