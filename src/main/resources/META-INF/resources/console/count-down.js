import { t } from './messages.js';

/**
 * <scim-count-down>: "Expires in 4:59", counting down each second from start(seconds). It is a timer to
 * assistive technology, which does not announce every tick.
 */
class CountDown extends HTMLElement {
  #interval = null;

  connectedCallback() {
    this.setAttribute('role', 'timer');
  }

  disconnectedCallback() {
    this.stop();
  }

  start(seconds) {
    this.stop();
    const end = performance.now() + seconds * 1000;
    const tick = () => {
      const left = Math.max(0, Math.ceil((end - performance.now()) / 1000));
      this.textContent = t('expiresIn', { minutes: Math.floor(left / 60), seconds: String(left % 60).padStart(2, '0') });
      if (left === 0) {
        this.stop();
      }
    };
    tick();
    this.#interval = setInterval(tick, 1000);
  }

  stop() {
    clearInterval(this.#interval);
    this.#interval = null;
  }
}

customElements.define('scim-count-down', CountDown);
