"""Account activation with the letter's code, and acceptance of the terms."""

urlpatterns = []
