"""The tenancy rule applied to the parts of the Wagtail admin that do not ask a viewset.

Viewsets and choosers of our own models go through :func:`portal.tenancy.scope`.
Wagtail also reaches records by ids it takes from the request: bulk actions
(``/admin/bulk/<app>/<model>/<action>/?id=…``), page ids in page URLs (move,
choose a page under a parent), image and document ids, its admin API and
wagtail-localize's snippet API. Each of these answered for any id: a staff
member of one collectivity could list another collectivity's CGU versions and
delete them in bulk. Here they answer only for what the staff member may see:
another collectivity's ids are « not found », never listed, never acted upon.

What a staff member "may see" (:func:`visible`): pages of their collectivity's
tree and rows of models with a ``collectivity_field`` (``portal.tenancy``);
images and documents of the collections they hold a permission on (each
collectivity has its own collection, ``portal.roles``).
"""

from django.core.exceptions import PermissionDenied
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.documents import get_document_model
from wagtail.documents.permissions import permission_policy as document_permission_policy
from wagtail.images import get_image_model
from wagtail.images.permissions import permission_policy as image_permission_policy
from wagtail.models import Page
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.chooser import SnippetChooserViewSet

from portal import tenancy

MEDIA_ACTIONS = ["add", "change", "delete", "choose"]

# URL parameters that name a page, an image or a document in Wagtail's admin URLs.
PAGE_PARAMETERS = {"page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk"}
IMAGE_PARAMETERS = {"image_id"}
DOCUMENT_PARAMETERS = {"document_id", "doc_id"}

# Reports that count and name every collectivity's pages: for the platform team only.
PLATFORM_REPORTS = {"wagtailadmin_reports:page_types_usage", "wagtailadmin_reports:page_types_usage_results"}


def _media_policy(model):
    if issubclass(model, get_image_model()):
        return image_permission_policy
    if issubclass(model, get_document_model()):
        return document_permission_policy
    return None


def is_scoped(model):
    """True for the models whose rows belong to one collectivity (pages, records, media)."""
    return issubclass(model, Page) or hasattr(model, "collectivity_field") or _media_policy(model) is not None


def visible(model, user):
    """The rows of ``model`` that ``user`` may see in the admin (every row for unscoped models)."""
    queryset = model._default_manager.all()
    if tenancy.sees_everything(user):
        return queryset
    policy = _media_policy(model)
    if policy is not None:
        return policy.instances_user_has_any_permission_for(user, MEDIA_ACTIONS)
    if is_scoped(model):
        return tenancy.scope(queryset, user)
    return queryset


def may_see(model, pk, user):
    """True when the row ``pk`` of ``model`` is one ``user`` may see; the tree's root page is shared by all."""
    if issubclass(model, Page) and Page.objects.filter(pk=pk, depth=1).exists():
        return True
    return visible(model, user).filter(pk=pk).exists()


# Bulk actions ----------------------------------------------------------------------------


class ScopedBulkActionMixin:
    """A bulk action that receives only the objects the user may see.

    Wagtail's ``get_queryset(model, object_ids)`` takes the ids of the query
    string (or every id for ``id=all``) as they come; here they are narrowed
    first, so a foreign id is neither listed on the confirmation page nor acted
    upon, and a request with only foreign ids answers 404 like a missing one.
    """

    def get_queryset(self, model, object_ids):  # Wagtail's is a classmethod: this one needs the request
        object_ids = visible(model, self.request.user).filter(pk__in=list(object_ids)).values_list("pk", flat=True)
        return super().get_queryset(model, object_ids)


def scoped_bulk_actions():
    """Wagtail's bulk actions on pages, images, documents and snippets, each narrowed by :func:`visible`."""
    from wagtail.admin.views.pages import bulk_actions as page_actions
    from wagtail.documents.views import bulk_actions as document_actions
    from wagtail.images.views import bulk_actions as image_actions
    from wagtail.snippets.bulk_actions.delete import DeleteBulkAction as SnippetDeleteBulkAction

    wagtail_actions = [
        page_actions.DeleteBulkAction,
        page_actions.MoveBulkAction,
        page_actions.PublishBulkAction,
        page_actions.UnpublishBulkAction,
        image_actions.AddTagsBulkAction,
        image_actions.AddToCollectionBulkAction,
        image_actions.DeleteBulkAction,
        document_actions.AddTagsBulkAction,
        document_actions.AddToCollectionBulkAction,
        document_actions.DeleteBulkAction,
        SnippetDeleteBulkAction,
    ]
    return [
        type(f"Scoped{action.__name__}", (ScopedBulkActionMixin, action), {"__module__": __name__})
        for action in wagtail_actions
    ]


def unscoped_bulk_actions():
    """``(app label, model name, action)`` of registered bulk actions on scoped models that are not narrowed.

    Empty unless a Wagtail upgrade or a new app registers an action this module does not know.
    """
    from django.apps import apps

    bulk_action_registry.get_bulk_actions_for_model("wagtailcore", "page")  # the registry reads the hooks once
    return [
        (app_label, model_name, action_type)
        for app_label, models in bulk_action_registry.actions.items()
        for model_name, actions in models.items()
        for action_type, action_class in actions.items()
        if is_scoped(apps.get_model(app_label, model_name)) and not issubclass(action_class, ScopedBulkActionMixin)
    ]


# Ids in admin URLs -------------------------------------------------------------------------


class AdminTenancyMiddleware:
    """A page, image or document id of another collectivity in an admin URL is refused.

    Some Wagtail views show a page's title before checking any permission (the
    move confirmation, the page chooser opened under a parent) or return an
    image by its id (the chooser's format step): this answers for all of them at
    once, from the names Wagtail gives these ids in its URL patterns. The
    reports that name every collectivity's pages open to the platform team only.
    The answer is Wagtail's own for a page one may not touch (back to the
    dashboard with « permission refusée »), so nothing tells a foreign page from
    an unreachable one of one's own. Comes after authentication (it needs the user).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated or tenancy.sees_everything(user):
            return None
        if not match.route.startswith("admin/"):
            return None
        if match.view_name in PLATFORM_REPORTS:
            return permission_denied(request)
        for name, value in view_kwargs.items():
            model = self._model_named_by(name)
            if model is not None and not may_see(model, value, user):
                return permission_denied(request)
        return None

    @staticmethod
    def _model_named_by(parameter):
        if parameter in PAGE_PARAMETERS:
            return Page
        if parameter in IMAGE_PARAMETERS:
            return get_image_model()
        if parameter in DOCUMENT_PARAMETERS:
            return get_document_model()
        return None


# Admin API, snippet choosers ---------------------------------------------------------------


def scoped_admin_api_endpoint(endpoint):
    """The admin API ``endpoint`` (images, documents) listing and returning only visible rows."""

    def get_queryset(self):
        return endpoint.get_queryset(self).filter(pk__in=visible(self.model, self.request.user).values("pk"))

    return type(f"Scoped{endpoint.__name__}", (endpoint,), {"get_queryset": get_queryset, "__module__": __name__})


class _VisibleChoices:
    """Chooser views that offer, and return, only the rows the user may see."""

    def get_object_list(self):
        return visible(self.model_class, self.request.user)


class _VisibleChosen:
    def get_object(self, pk):
        return visible(self.model_class, self.request.user).get(pk=pk)


class _VisibleChosenMultiple:
    def get_objects(self, pks):
        return visible(self.model_class, self.request.user).filter(pk__in=pks)


class ScopedChooseView(_VisibleChoices, snippet_chooser.ChooseView):
    pass


class ScopedChooseResultsView(_VisibleChoices, snippet_chooser.ChooseResultsView):
    pass


class ScopedChosenView(_VisibleChosen, snippet_chooser.SnippetChosenView):
    pass


class ScopedChosenMultipleView(_VisibleChosenMultiple, snippet_chooser.SnippetChosenMultipleView):
    pass


class ScopedSnippetChooserViewSet(SnippetChooserViewSet):
    """Wagtail's snippet chooser (list, search, « chosen » answers) narrowed by :func:`visible`."""

    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView


# Snippets of one collectivity -------------------------------------------------------------


class ScopedCreateView(snippet_views.CreateView):
    """A new row (a model with a ``site`` field) belongs to the staff member's collectivity; the platform team chooses."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        if not tenancy.sees_everything(self.request.user):
            if tenancy.collectivity_of(self.request.user) is None:
                raise PermissionDenied
            instance.site = self.request.user.collectivity
        return instance


class ScopedEditView(snippet_views.EditView):
    def get_queryset(self):
        return visible(self.model, self.request.user)


class ScopedDeleteView(snippet_views.DeleteView):
    def get_queryset(self):
        return visible(self.model, self.request.user)


class ScopedHistoryView(snippet_views.HistoryView):
    def get_base_object_queryset(self):
        return visible(self.model, self.request.user)


class ScopedUsageView(snippet_views.UsageView):
    def get_base_object_queryset(self):
        return visible(self.model, self.request.user)


class ScopedSnippetViewSet(snippet_views.SnippetViewSet):
    """A snippet whose rows belong to one collectivity (``collectivity_field``): every view, the chooser and the
    permissions go through the staff member's collectivity. Subclasses name the model and their own views."""

    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    chooser_viewset_class = ScopedSnippetChooserViewSet
    copy_view_enabled = False

    @property
    def permission_policy(self):
        return tenancy.CollectivityPermissionPolicy(self.model)

    def get_queryset(self, request):
        return visible(self.model, request.user)
