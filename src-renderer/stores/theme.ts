/** Light, dark, or the system's choice; remembered across sessions. */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref, watchEffect } from 'vue';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'cognito-sandbox.theme';
const ORDER: ThemeChoice[] = ['system', 'light', 'dark'];

function saved(): ThemeChoice {
  const value = localStorage.getItem(KEY);
  return ORDER.includes(value as ThemeChoice) ? (value as ThemeChoice) : 'system';
}

export const useThemeStore = defineStore('theme', () => {
  const choice = ref<ThemeChoice>(saved());

  watchEffect(() => {
    if (choice.value === 'system') document.documentElement.removeAttribute('data-theme');
    else document.documentElement.setAttribute('data-theme', choice.value);
    localStorage.setItem(KEY, choice.value);
  });

  function cycle(): void {
    choice.value = ORDER[(ORDER.indexOf(choice.value) + 1) % ORDER.length]!;
  }

  return { choice, cycle };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useThemeStore, import.meta.hot));
