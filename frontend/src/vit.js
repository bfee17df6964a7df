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
 *   JSON with the new "versie" or a "fout" text. The result is written to the role="status"
 *   element #autosave-status. When the server does not answer or fails (5xx), the answer
 *   stays on screen marked "Nog niet opgeslagen" and is sent again after 1, 2, 4 ... (at most
 *   30) seconds until it is stored. The submit buttons keep working as before.
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
            mark(fieldset, false);
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
            report(
              "Antwoord op " + questionLabel(fieldset) + " opgeslagen om " + time + ". " +
                (result.data.voortgang || ""),
            );
          } else {
            mark(fieldset, true);
            report(
              (result.data && result.data.fout) ||
                "Dit antwoord kon niet automatisch worden opgeslagen. Gebruik de knop Opslaan.",
              true,
            );
          }
        })
        .catch(function () {
          // No answer, or the server failed: the answer stays on screen, marked as not yet
          // stored, and is sent again after a pause that grows up to half a minute.
          fieldset.vitAttempts = (fieldset.vitAttempts || 0) + 1;
          var wait = Math.min(30, Math.pow(2, fieldset.vitAttempts - 1));
          mark(fieldset, true);
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
          fieldset.vitSaving = false;
          if (fieldset.vitPending) {
            fieldset.vitPending = false;
            clearTimeout(fieldset.vitRetry);
            save(fieldset);
          }
        });
    }

    function mark(fieldset, notSaved) {
      // A visible "nog niet opgeslagen" beside the question until its answer is stored.
      var marker = fieldset.querySelector("[data-vit-niet-opgeslagen]");
      if (notSaved && !marker) {
        marker = document.createElement("p");
        marker.className = "utrecht-paragraph vit-autosave-status vit-autosave-status--fout";
        marker.setAttribute("data-vit-niet-opgeslagen", "");
        marker.textContent = "Nog niet opgeslagen";
        var legend = fieldset.querySelector("legend");
        if (legend && legend.nextSibling) {
          legend.parentNode.insertBefore(marker, legend.nextSibling);
        } else {
          fieldset.appendChild(marker);
        }
      } else if (!notSaved && marker) {
        marker.remove();
      }
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
