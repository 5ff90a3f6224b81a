/*
 * A STAND-IN for Alibaba Cloud's Captcha 2.0 web script (AliyunCaptcha.js), which cannot load
 * offline, so this example and its browser test use this file in its place.
 *
 * It keeps the script's interface: it reads `window.AliyunCaptchaConfig` when it loads, defines
 * `window.initAliyunCaptcha(options)`, renders into `options.element`, opens on a click of
 * `options.button` in `popup` mode, and calls `success`, `getInstance`, `onError` and `onClose`.
 * It shows no puzzle: its buttons choose the `captchaVerifyParam` that `success` receives, a
 * `standin:` value that only the verify stand-in (captcha_verify::standin) understands and that
 * Alibaba refuses. A real page loads Alibaba's script instead and deletes this file.
 *
 * A classic script, not a module, like the script it stands in for.
 */
(function () {
  "use strict";

  /** What each button makes the verify stand-in answer, by the value `success` receives. */
  var CHOICES = [
    { id: "standin-pass", label: "Pass", value: "standin:T001", says: "a person solved it" },
    { id: "standin-already-used", label: "Already used", value: "standin:F008", says: "sent before" },
    { id: "standin-expired", label: "Expired", value: "standin:F014", says: "solved too long ago" },
    { id: "standin-too-many", label: "Too many tries", value: "standin:F010", says: "from a busy address" },
    { id: "standin-bot", label: "Bot-like", value: "standin:F001", says: "looks like an attack" },
  ];

  /** Read when the script loads, as Alibaba's script reads them. */
  var globals = window.AliyunCaptchaConfig || {};
  var initialized = false;

  function report(options, code, msg) {
    if (typeof options.onError === "function") {
      options.onError({ code: code, msg: msg });
    } else {
      console.error("captcha stand-in: " + code + ": " + msg);
    }
  }

  function make(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  window.initAliyunCaptcha = function initAliyunCaptcha(options) {
    options = options || {};
    // Alibaba's script allows one captcha per page.
    if (initialized) {
      throw new Error("captcha stand-in: initAliyunCaptcha was called twice");
    }
    if (typeof globals.prefix !== "string" || globals.prefix === "") {
      report(options, "IllegalUserTag", "window.AliyunCaptchaConfig.prefix is missing");
      return;
    }
    if (typeof options.SceneId !== "string" || options.SceneId === "") {
      report(options, "IllegalScene", "SceneId is missing");
      return;
    }
    var host = typeof options.element === "string" ? document.querySelector(options.element) : null;
    var trigger = typeof options.button === "string" ? document.querySelector(options.button) : null;
    if (host === null || trigger === null) {
      throw new Error("captcha stand-in: `element` and `button` must name elements of the page");
    }
    initialized = true;
    var popup = options.mode !== "embed";
    var challenge = 0;

    // Alibaba's script shows its text in `options.language`; the stand-in shows English
    // whatever it is asked (it says so with `lang`), and keeps the value where a test can read it.
    var panel = make("fieldset", {
      id: "standin-captcha",
      class: "standin-captcha",
      lang: "en",
      "data-language": typeof options.language === "string" ? options.language : "",
    });
    var legend = make("legend", { id: "standin-title" }, "Stand-in captcha");
    var explanation = make(
      "p",
      { id: "standin-note", class: "standin-note" },
      "This stands in for Alibaba's captcha, whose script cannot load offline. " +
        "Choose what the verification will say:",
    );
    var count = make("p", { id: "standin-challenge", class: "standin-challenge" });
    var choices = make("div", { class: "standin-choices" });
    var buttons = CHOICES.map(function (choice) {
      var button = make(
        "button",
        { type: "button", id: choice.id, "data-value": choice.value, title: choice.says },
        choice.label,
      );
      button.addEventListener("click", function () {
        solved(choice.value);
      });
      choices.appendChild(button);
      return button;
    });
    panel.append(legend, explanation, count, choices);
    if (popup) {
      var close = make("button", { type: "button", id: "standin-close", class: "standin-close" }, "Close");
      close.addEventListener("click", function () {
        hide();
        if (typeof options.onClose === "function") {
          options.onClose();
        }
      });
      panel.appendChild(close);
    }
    host.appendChild(panel);

    function setDisabled(disabled) {
      buttons.forEach(function (button) {
        button.disabled = disabled;
      });
    }

    function refresh() {
      challenge += 1;
      count.textContent = "Challenge " + challenge;
      setDisabled(false);
    }

    function show() {
      panel.hidden = false;
      buttons[0].focus();
    }

    function hide() {
      panel.hidden = true;
    }

    function solved(value) {
      // A captchaVerifyParam is good for one verification: the next one needs a refresh.
      setDisabled(true);
      if (popup) {
        hide();
      }
      if (typeof options.success === "function") {
        options.success(value);
      }
    }

    refresh();
    if (popup) {
      hide();
      trigger.addEventListener("click", function (event) {
        event.preventDefault();
        show();
      });
    }

    if (typeof options.getInstance === "function") {
      options.getInstance({
        show: show,
        hide: hide,
        refresh: refresh,
        destroyCaptcha: function () {
          panel.remove();
          initialized = false;
        },
      });
    }
  };
})();
