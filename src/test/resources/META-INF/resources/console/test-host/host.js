import { mount } from '../console.js';

// Test code: plays the web app that embeds the console. The browser test hands in the JWT it minted.
window.host = {
  mount(workspaceId, jwt) {
    mount(document.getElementById('directory-sync'), { workspaceId, getAccessToken: async () => jwt });
  },
};
