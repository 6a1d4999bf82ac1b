from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from verify import selectors


@login_required
def claim_list(request):
    claims = selectors.claim_list()[:200]
    return render(request, "verify/claim_list.html", {"claims": claims})
