'use strict';
// Django's admin/js/autocomplete.js (5.2), posting its term instead of a GET: an ID number or
// phone typed into a picker must not land in a URL (yuyang_union/admin_site.py answers).
{
    const $ = django.jQuery;

    function csrfToken() {
        const input = document.querySelector('input[name=csrfmiddlewaretoken]');
        return input ? input.value : '';
    }

    $.fn.djangoAdminSelect2 = function() {
        $.each(this, function(i, element) {
            // The widget's data-ajax--type="GET" would win over the options below.
            element.setAttribute('data-ajax--type', 'POST');
            $(element).select2({
                ajax: {
                    type: 'POST',
                    headers: {'X-CSRFToken': csrfToken()},
                    data: (params) => {
                        return {
                            term: params.term,
                            page: params.page,
                            app_label: element.dataset.appLabel,
                            model_name: element.dataset.modelName,
                            field_name: element.dataset.fieldName
                        };
                    }
                }
            });
        });
        return this;
    };

    $(function() {
        // Initialize all autocomplete widgets except the one in the template
        // form used when a new formset is added.
        $('.admin-autocomplete').not('[name*=__prefix__]').djangoAdminSelect2();
    });

    document.addEventListener('formset:added', (event) => {
        $(event.target).find('.admin-autocomplete').djangoAdminSelect2();
    });
}
