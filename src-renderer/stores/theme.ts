/** Light, dark, or the system's choice; remembered across sessions. */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref, watchEffect } from 'vue';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'cognito-sandbox.theme';
const CHOICES: ThemeChoice[] = ['system', 'light', 'dark'];

function saved(): ThemeChoice {
  const value = localStorage.getItem(KEY);
  return CHOICES.includes(value as ThemeChoice) ? (value as ThemeChoice) : 'system';
}

export const useThemeStore = defineStore('theme', () => {
  const choice = ref<ThemeChoice>(saved());

  watchEffect(() => {
    if (choice.value === 'system') document.documentElement.removeAttribute('data-theme');
    else document.documentElement.setAttribute('data-theme', choice.value);
    localStorage.setItem(KEY, choice.value);
  });

  /**
   * The system's theme, then the other one, then the system's own as a choice: the first click
   * always changes what shows (system → light would not, on a light system).
   */
  function cycle(): void {
    const systemDark = window.matchMedia('(prefers-color-scheme: dark)').matches;
    const order: ThemeChoice[] = systemDark ? ['system', 'light', 'dark'] : ['system', 'dark', 'light'];
    choice.value = order[(order.indexOf(choice.value) + 1) % order.length]!;
  }

  return { choice, cycle };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useThemeStore, import.meta.hot));
