/*
 * VIT: small progressive enhancements. Every page works without this file.
 *
 * - Error summary (templates/includes/error_summary.html): receives focus when the page
 *   loads, so keyboard and screen reader users start at the list of problems. Its links move
 *   focus to the field itself (for a group of radio buttons or checkboxes: the first option)
 *   and scroll the label or legend into view.
 * - Questionnaire autosave: a form with a non-empty data-autosave-url saves each question
 *   (the element with data-vraag="<id>") as soon as an option is chosen, and its explanation
 *   shortly after typing stops. It posts vraag, versie, waarde and toelichting; the answer is
 *   JSON with the new "versie" or a "fout" text. Each question says its own state in its
 *   role="status" element [data-vit-opslagstatus] ("Bezig met opslaan…" when it takes a
 *   moment, "Opgeslagen om 14:02", "Niet opgeslagen: ..."), changed only when a save starts
 *   or ends, never per keystroke; the line #autosave-status by the buttons repeats the last
 *   result of the page. When the server does not answer or fails (5xx), the answer stays on
 *   screen marked "Nog niet opgeslagen" with a button to try again now, and is sent again
 *   after 1, 2, 4 ... (at most 30) seconds until it is stored. The submit buttons keep
 *   working as before.
 * - Heading focus: after a move from one page of the questionnaire to another (a form sent
 *   or a link followed to a URL under the h1's data-vit-kop), the next page puts the focus on
 *   its h1 (tabindex="-1"), described by the messages above it, unless an error summary
 *   takes the focus. The first page opened from the e-mail link keeps the browser's start.
 * - Copy buttons: a hidden button with data-copy="<input id>" is shown and copies that
 *   input's value to the clipboard (the input itself stays selectable without JavaScript).
 */
(function () {
  "use strict";

  /* ---------- Error summary ---------- */

  function focusField(target) {
    var field = target;
    if (target.tagName === "FIELDSET") {
      field = target.querySelector("input:not([type=hidden]), select, textarea");
    }
    if (!field) {
      return false;
    }
    var heading = null;
    if (target.tagName === "FIELDSET") {
      heading = target.querySelector("legend");
    } else if (field.id) {
      heading = document.querySelector('label[for="' + field.id + '"]');
    }
    (heading || field).scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
    return true;
  }

  function initErrorSummary(summary) {
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) {
        return;
      }
      var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (target && focusField(target)) {
        event.preventDefault();
      }
    });
    summary.focus();
  }

  /* ---------- Questionnaire autosave ---------- */

  var TYPING_DELAY = 1500;
  var BUSY_DELAY = 400;

  function questionLabel(fieldset) {
    var number = fieldset.querySelector(".vit-question-number");
    return number ? number.textContent.trim().toLowerCase() : "deze vraag";
  }

  function initAutosave(form) {
    var url = form.getAttribute("data-autosave-url");
    var status = document.getElementById("autosave-status");
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (!url || !window.fetch || !window.URLSearchParams) {
      return;
    }

    function report(text, isError) {
      if (!status) {
        return;
      }
      status.textContent = text;
      status.classList.toggle("vit-autosave-status--fout", Boolean(isError));
    }

    function show(fieldset, state, text) {
      // The state beside the question, in its own polite live region. The text is only
      // replaced when it changes, so a retry that fails again is not announced again.
      var line = fieldset.querySelector("[data-vit-opslagstatus]");
      if (!line) {
        return;
      }
      var failed = state === "opnieuw" || state === "fout";
      var shown = failed ? (state === "opnieuw" ? "Nog niet opgeslagen" : "Niet opgeslagen") : "";
      if (line.textContent !== (shown ? shown + ": " : "") + text) {
        line.textContent = "";
        if (shown) {
          var marker = document.createElement("strong");
          marker.setAttribute("data-vit-niet-opgeslagen", "");
          marker.textContent = shown;
          line.appendChild(marker);
          line.appendChild(document.createTextNode(": " + text));
        } else {
          line.textContent = text;
        }
      }
      line.classList.toggle("vit-autosave-status--fout", failed);
      var again = fieldset.querySelector("[data-vit-opnieuw]");
      if (state === "opnieuw" && !again) {
        again = document.createElement("button");
        again.type = "button";
        again.className = "utrecht-button utrecht-button--secondary-action vit-question-retry";
        again.setAttribute("data-vit-opnieuw", "");
        again.textContent = "Nu opnieuw proberen";
        again.addEventListener("click", function () {
          save(fieldset);
        });
        line.parentNode.insertBefore(again, line.nextSibling);
      } else if (state !== "opnieuw" && again) {
        if (document.activeElement === again) {
          // Keep the keyboard where it was: on the options of this question.
          var option =
            fieldset.querySelector("input[type=radio]:checked") ||
            fieldset.querySelector("input[type=radio]");
          if (option) {
            option.focus();
          }
        }
        again.remove();
      }
    }

    function answerOf(fieldset) {
      var checked = fieldset.querySelector("input[type=radio]:checked");
      var text = fieldset.querySelector("textarea");
      return { waarde: checked ? checked.value : "", toelichting: text ? text.value : "" };
    }

    function key(answer) {
      return answer.waarde + "\u0000" + answer.toelichting;
    }

    function save(fieldset) {
      // One request per question at a time; a change made meanwhile is saved afterwards,
      // with the version number the first save returned.
      clearTimeout(fieldset.vitRetry);
      if (fieldset.vitSaving) {
        fieldset.vitPending = true;
        return;
      }
      var answer = answerOf(fieldset);
      if (key(answer) === fieldset.vitSaved) {
        return;
      }
      var version = fieldset.querySelector("input[type=hidden]");
      var body = new URLSearchParams();
      body.append("vraag", fieldset.getAttribute("data-vraag"));
      body.append("versie", version ? version.value : "0");
      body.append("waarde", answer.waarde);
      body.append("toelichting", answer.toelichting);
      if (csrf) {
        body.append("csrfmiddlewaretoken", csrf.value);
      }
      fieldset.vitSaving = true;
      // "Bezig met opslaan…" only when saving takes a moment, so a quick save is announced
      // once ("Opgeslagen om ..."); a retry keeps its "Nog niet opgeslagen" until it is stored.
      clearTimeout(fieldset.vitBusy);
      if (!fieldset.vitAttempts) {
        fieldset.vitBusy = setTimeout(function () {
          show(fieldset, "bezig", "Bezig met opslaan…");
        }, BUSY_DELAY);
      }
      fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-Requested-With": "XMLHttpRequest", Accept: "application/json" },
      })
        .then(function (response) {
          if (response.status >= 500 || response.status === 429) {
            // The server could not store it now (busy, restarting): try again.
            throw new Error("server " + response.status);
          }
          return response.json().then(function (data) {
            return { ok: response.ok, data: data };
          });
        })
        .then(function (result) {
          fieldset.vitAttempts = 0;
          if (result.ok && result.data.versie !== undefined) {
            if (version) {
              version.value = result.data.versie;
            }
            fieldset.vitSaved = key(answer);
            var time = new Date().toLocaleTimeString("nl-NL", {
              hour: "2-digit",
              minute: "2-digit",
            });
            var progress = document.getElementById("voortgang-tekst");
            if (progress && result.data.voortgang) {
              progress.textContent = result.data.voortgang;
            }
            var bar = document.getElementById("voortgang-balk");
            if (bar && result.data.van_toepassing !== undefined) {
              bar.max = result.data.van_toepassing;
              bar.value = result.data.beantwoord;
            }
            show(fieldset, "opgeslagen", "Opgeslagen om " + time);
            report(
              "Antwoord op " + questionLabel(fieldset) + " opgeslagen om " + time + ". " +
                (result.data.voortgang || ""),
            );
          } else {
            var problem =
              (result.data && result.data.fout) ||
              "Dit antwoord kon niet automatisch worden opgeslagen. Gebruik de knop Opslaan.";
            show(fieldset, "fout", problem);
            report(problem, true);
          }
        })
        .catch(function () {
          // No answer, or the server failed: the answer stays on screen, marked as not yet
          // stored, and is sent again after a pause that grows up to half a minute.
          fieldset.vitAttempts = (fieldset.vitAttempts || 0) + 1;
          var wait = Math.min(30, Math.pow(2, fieldset.vitAttempts - 1));
          show(
            fieldset,
            "opnieuw",
            "het lukte nu niet. We proberen het vanzelf opnieuw, of kies Nu opnieuw proberen.",
          );
          report(
            "Uw antwoord op " + questionLabel(fieldset) + " is nog niet opgeslagen. " +
              "We proberen het over " + wait + (wait === 1 ? " seconde" : " seconden") +
              " opnieuw; u kunt ook de knop Opslaan gebruiken.",
            true,
          );
          clearTimeout(fieldset.vitRetry);
          fieldset.vitRetry = setTimeout(function () {
            save(fieldset);
          }, wait * 1000);
        })
        .then(function () {
          clearTimeout(fieldset.vitBusy);
          fieldset.vitSaving = false;
          if (fieldset.vitPending) {
            fieldset.vitPending = false;
            clearTimeout(fieldset.vitRetry);
            save(fieldset);
          }
        });
    }

    var questions = form.querySelectorAll("[data-vraag]");
    for (var i = 0; i < questions.length; i++) {
      questions[i].vitSaved = key(answerOf(questions[i]));
    }

    function questionOf(element) {
      var fieldset = element.closest("[data-vraag]");
      return fieldset && form.contains(fieldset) && !element.disabled ? fieldset : null;
    }

    form.addEventListener("change", function (event) {
      var fieldset = questionOf(event.target);
      if (fieldset) {
        clearTimeout(fieldset.vitTimer);
        save(fieldset);
      }
    });

    form.addEventListener("input", function (event) {
      if (event.target.tagName !== "TEXTAREA") {
        return;
      }
      var fieldset = questionOf(event.target);
      if (fieldset) {
        clearTimeout(fieldset.vitTimer);
        fieldset.vitTimer = setTimeout(function () {
          save(fieldset);
        }, TYPING_DELAY);
      }
    });
  }

  /* ---------- Heading focus after a page change ---------- */

  var MOVED = "vit-kop-focus";

  function remember(root, href) {
    // Only a move to another page of the same questionnaire counts; a link to a place on
    // this page (the skip link, the error summary) does not.
    var target = new URL(href, window.location.href);
    if (target.origin !== window.location.origin || target.pathname.indexOf(root) !== 0) {
      return;
    }
    if (target.pathname === window.location.pathname && target.hash) {
      return;
    }
    try {
      window.sessionStorage.setItem(MOVED, root);
    } catch (e) {
      // No session storage (a strict privacy setting): the focus simply stays at the top.
    }
  }

  function initHeadingFocus(heading) {
    var root = heading.getAttribute("data-vit-kop");
    var moved = null;
    try {
      moved = window.sessionStorage.getItem(MOVED);
      window.sessionStorage.removeItem(MOVED);
    } catch (e) {
      moved = null;
    }
    if (moved === root && !document.querySelector("[data-vit-foutoverzicht]")) {
      // The messages above the heading ("Uw antwoorden ... zijn opgeslagen") are read with it.
      var messages = document.querySelectorAll(".vit-messages .utrecht-alert");
      var ids = [];
      for (var i = 0; i < messages.length; i++) {
        messages[i].id = messages[i].id || "melding-" + (i + 1);
        ids.push(messages[i].id);
      }
      if (ids.length) {
        heading.setAttribute("aria-describedby", ids.join(" "));
      }
      heading.focus();
    }
    document.addEventListener("submit", function (event) {
      remember(root, event.target.action);
    });
    document.addEventListener("click", function (event) {
      var link = event.target.closest("a[href]");
      if (link && event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
        remember(root, link.href);
      }
    });
  }

  /* ---------- Copy buttons ---------- */

  function initCopy(button) {
    var input = document.getElementById(button.getAttribute("data-copy"));
    if (!input || !navigator.clipboard) {
      return;
    }
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(
        function () {
          button.textContent = "Gekopieerd";
          setTimeout(function () {
            button.textContent = label;
          }, 2000);
        },
        function () {
          input.select();
        },
      );
    });
  }

  /* ---------- Start ---------- */

  function init() {
    var summary = document.querySelector("[data-vit-foutoverzicht]");
    if (summary) {
      initErrorSummary(summary);
    }
    var heading = document.querySelector("h1[data-vit-kop]");
    if (heading) {
      initHeadingFocus(heading);
    }
    var copies = document.querySelectorAll("button[data-copy]");
    for (var c = 0; c < copies.length; c++) {
      initCopy(copies[c]);
    }
    var forms = document.querySelectorAll("form[data-autosave-url]");
    for (var i = 0; i < forms.length; i++) {
      initAutosave(forms[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
