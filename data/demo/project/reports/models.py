from django.db import models


class RotaExport(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    period_start = models.DateField()
    period_end = models.DateField()
    file = models.FileField(upload_to='exports/')
