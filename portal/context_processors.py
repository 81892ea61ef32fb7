from django.conf import settings


def practice(request) -> dict:
    return {"practice_name": settings.PRACTICE_NAME, "practice_email": settings.PRACTICE_EMAIL}
