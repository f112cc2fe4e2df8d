import { mount } from '../console.js';

// Test code: plays the web app that embeds the console. The browser test hands in the JWT it minted, and may theme
// the page (custom properties set on an ancestor of the mount element) and override messages, as a web app would.
window.host = {
  mount(workspaceId, jwt, { theme = {}, messages } = {}) {
    const main = document.querySelector('main');
    for (const [property, value] of Object.entries(theme)) {
      main.style.setProperty(property, value);
    }
    mount(document.getElementById('directory-sync'), { workspaceId, getAccessToken: async () => jwt, messages });
  },
};
